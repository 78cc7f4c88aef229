// After a passkey is registered (django-otp-webauthn's event), show the list with it.
document.addEventListener("otp_webauthn.register_complete", () => window.location.reload());
