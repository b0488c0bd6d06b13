// Kiosk mode: after a response, return to an empty survey for the next respondent after a
// few seconds, unless the respondent asks to stay (WCAG 2.2.1: the time limit can be turned off).
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-kiosk-return]");
  if (!box) return;
  let left = parseInt(box.dataset.seconds || "15", 10);
  const shown = box.querySelector("[data-kiosk-countdown]");
  const show = () => { if (shown) shown.textContent = `(${left} s)`; };
  show();
  const timer = window.setInterval(() => {
    left -= 1;
    show();
    if (left <= 0) {
      window.clearInterval(timer);
      window.location.assign(box.dataset.kioskReturn);
    }
  }, 1000);
  const stay = box.querySelector("[data-kiosk-stay]");
  if (stay) {
    stay.addEventListener("click", () => {
      window.clearInterval(timer);
      if (shown) shown.textContent = "";
      stay.hidden = true;
    });
  }
});
