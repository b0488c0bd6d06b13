// Perizinan: small progressive enhancements (no inline script anywhere: CSP).
document.addEventListener("DOMContentLoaded", () => {
  // Buttons with data-confirm ask before submitting (reject, withdraw).
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // Print buttons.
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});
