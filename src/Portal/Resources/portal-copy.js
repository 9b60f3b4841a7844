// Copy buttons of the catalog's examples: a button with data-copy="ID" copies the text of the element with that id.
// A file, not an inline script, so that the portal's Content-Security-Policy can forbid inline scripts. Without
// script the buttons are hidden (they start with the "hidden" attribute) and the code can still be selected.
(function () {
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    if (!target || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(target.textContent).then(function () {
        button.textContent = button.getAttribute('data-copied') || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
