// Renders an API's stored OpenAPI document with Swagger UI, served by the product itself (no CDN).
// A file, not an inline script, so that the portal's Content-Security-Policy can forbid inline scripts.
// Swagger UI has no translations: on a page in another language than English its visible labels are replaced with the
// portal's words (from /portal/static/portal-swagger-labels.json, in the page's language), and the few places where its
// markup falls short of WCAG (a select without a name, code boxes the keyboard cannot scroll, a second "main" landmark)
// are corrected as it renders.
(function () {
  var target = document.getElementById('swagger-ui');
  if (!target || !window.SwaggerUIBundle) {
    return;
  }
  var labels = {};

  function translateText(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue.trim();
      if (text && Object.prototype.hasOwnProperty.call(labels, text)) {
        node.nodeValue = node.nodeValue.replace(text, labels[text]);
      }
    }
  }

  function translateAttribute(element, name) {
    var value = element.getAttribute(name);
    if (value && Object.prototype.hasOwnProperty.call(labels, value.trim())) {
      element.setAttribute(name, labels[value.trim()]);
    }
  }

  function repair(root) {
    // Every select is named: by its visible label when Swagger UI gives one, else by what it chooses.
    root.querySelectorAll('select').forEach(function (select) {
      // A label element counts only when it says something besides the control it wraps: Swagger UI wraps its server
      // choice in a label whose only text is the options', which names nothing.
      var labelled = select.labels && Array.prototype.some.call(select.labels, function (label) {
        var text = label.textContent;
        if (label.contains(select)) {
          text = text.replace(select.textContent, '');
        }
        return text.trim() !== '';
      });
      if (!select.getAttribute('aria-label') && !labelled) {
        var name = select.closest('.servers') ? 'Servers' : 'Media type';
        select.setAttribute('aria-label', labels[name] || name);
      }
    });
    // Code boxes scroll sideways: reachable with the keyboard so that they can be scrolled without a mouse.
    root.querySelectorAll('pre, .highlight-code, .microlight, .model-box, .table-container').forEach(function (box) {
      if (!box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0');
      }
    });
    // The portal's own <main> is the page's only main landmark.
    root.querySelectorAll('main, [role="main"]').forEach(function (main) {
      main.setAttribute('role', 'presentation');
    });
    root.querySelectorAll('[aria-label], [title], [placeholder]').forEach(function (element) {
      translateAttribute(element, 'aria-label');
      translateAttribute(element, 'title');
      translateAttribute(element, 'placeholder');
    });
    translateText(root);
  }

  var scheduled = false;
  new MutationObserver(function () {
    if (scheduled) {
      return;
    }
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      repair(target);
    });
  }).observe(target, { childList: true, subtree: true, characterData: true, attributes: false });

  function start() {
    window.SwaggerUIBundle({
      url: target.getAttribute('data-document'),
      domNode: target,
      deepLinking: false,
      docExpansion: 'list',
      defaultModelsExpandDepth: 0,
      validatorUrl: null,
      // The try-out token the page obtained (portal-tryout.js), sent with requests to this API only.
      requestInterceptor: function (request) {
        var tryOut = window.spbeTryOut;
        if (tryOut && tryOut.token && request.url.indexOf(tryOut.base + '/') === 0) {
          request.headers.Authorization = 'Bearer ' + tryOut.token;
        }
        return request;
      },
      // The portal page already shows the API's name, description and metadata, and has its own single h1:
      // Swagger UI's info block (which would add a second h1) is left out.
      plugins: [function () {
        return { wrapComponents: { info: function () { return function () { return null; }; } } };
      }]
    });
  }

  fetch('/portal/static/portal-swagger-labels.json', { credentials: 'same-origin' })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (loaded) { labels = loaded || {}; }, function () { labels = {}; })
    .then(start);
})();
