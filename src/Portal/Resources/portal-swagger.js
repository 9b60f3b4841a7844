// Renders an API's stored OpenAPI document with Swagger UI, served by the product itself (no CDN).
// A file, not an inline script, so that the portal's Content-Security-Policy can forbid inline scripts.
(function () {
  var target = document.getElementById('swagger-ui');
  if (!target || !window.SwaggerUIBundle) {
    return;
  }
  window.SwaggerUIBundle({
    url: target.getAttribute('data-document'),
    domNode: target,
    deepLinking: false,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    validatorUrl: null,
    // The portal page already shows the API's name, description and metadata, and has its own single h1:
    // Swagger UI's info block (which would add a second h1) is left out.
    plugins: [function () {
      return { wrapComponents: { info: function () { return function () { return null; }; } } };
    }]
  });
})();
