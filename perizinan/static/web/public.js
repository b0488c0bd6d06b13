// Public pages: small progressive enhancements (no inline script anywhere: CSP).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-profile-form]");
  if (!form) return;
  // Devices that emit radiation are electromedical devices: keep the two boxes consistent.
  // These listeners sit on the inputs, so they run before htmx reads the form on "change".
  const radiation = form.querySelector("input[name=radiation]");
  const electromedical = form.querySelector("input[name=electromedical]");
  if (radiation && electromedical) {
    radiation.addEventListener("change", () => {
      if (radiation.checked) electromedical.checked = true;
    });
    electromedical.addEventListener("change", () => {
      if (!electromedical.checked) radiation.checked = false;
    });
  }
  // With htmx the list follows every change; the submit button is only needed without JS.
  if (window.htmx) {
    const submit = form.querySelector("[data-nojs-submit]");
    if (submit) submit.hidden = true;
  }
});
