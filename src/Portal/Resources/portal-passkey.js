// Passkeys (WebAuthn) on the portal's sign-in and second-factor pages, served by the product itself. A file, not an
// inline script, so that the portal's Content-Security-Policy can forbid inline scripts.
// A form marked data-passkey="create" registers a passkey, data-passkey="get" signs in with one: the button asks the
// server (data-options, the form's own fields with its anti-forgery token) for the WebAuthn options, lets the browser
// make or use the credential, and posts the browser's answer (JSON) to the form's action.
(function () {
  'use strict';

  function show(form, text) {
    var status = form.querySelector('[data-passkey-status]');
    if (status) {
      status.textContent = text;
      status.hidden = false;
    }
  }

  async function run(form) {
    var create = form.getAttribute('data-passkey') === 'create';
    if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON || !PublicKeyCredential.parseRequestOptionsFromJSON) {
      show(form, form.getAttribute('data-unsupported'));
      return;
    }
    try {
      var answer = await fetch(form.getAttribute('data-options'), { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
      if (!answer.ok) {
        throw new Error('options ' + answer.status);
      }
      var options = await answer.json();
      var credential = create
        ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
        : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      form.querySelector('input[name="credential"]').value = JSON.stringify(credential);
      form.submit();
    } catch (e) {
      show(form, form.getAttribute('data-failed'));
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-passkey-button]');
    if (button && button.form) {
      event.preventDefault();
      run(button.form);
    }
  });
})();
