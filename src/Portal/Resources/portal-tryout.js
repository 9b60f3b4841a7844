// The catalog's try-out: asks the portal for a short-lived token of the chosen application (POST with the form's
// anti-forgery token, answered as JSON), then hands it to Swagger UI (window.spbeTryOut, read by portal-swagger.js for
// requests to this API only) and prints a curl line that runs as shown until the token expires. The token lives in
// this page's memory only. A file, not an inline script, so that the Content-Security-Policy can forbid inline scripts;
// without script the button stays hidden, since nothing else would use the token.
(function () {
  var form = document.querySelector('form.try-out');
  var result = document.getElementById('try-out-result');
  if (!form || !result || !window.fetch || !window.FormData) {
    return;
  }
  var button = form.querySelector('button[type="submit"]');
  var status = document.getElementById('try-out-status');
  var curl = document.getElementById('try-out-curl');
  button.hidden = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    button.disabled = true;
    fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body || {} }; }, function () { return { ok: false, body: {} }; });
      })
      .then(function (answer) {
        result.hidden = false;
        if (!answer.ok) {
          window.spbeTryOut = null;
          status.textContent = result.getAttribute('data-failed') + (answer.body.detail ? ': ' + answer.body.detail : '');
          curl.textContent = '';
          return;
        }
        window.spbeTryOut = { token: answer.body.access_token, base: answer.body.api_base };
        status.textContent = result.getAttribute('data-expires').replace('{0}', answer.body.expires_at);
        curl.textContent = 'curl -H "Authorization: Bearer ' + answer.body.access_token + '" \'' + result.getAttribute('data-url') + '\'';
      })
      .then(function () { button.disabled = false; }, function () { button.disabled = false; });
  });
})();
