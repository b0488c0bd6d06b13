// Perizinan: small progressive enhancements (no inline script anywhere: CSP).

// A table wider than the screen scrolls sideways in its wrapper: while it does, the wrapper is a
// named region the keyboard can reach (Tab, then the arrow keys); when it fits, it is no tab stop.
// Wrappers that say so in the page (tabindex written there) are left as they are.
function markScrollingTables(root) {
  root.querySelectorAll(".table-responsive").forEach((wrapper) => {
    if (wrapper.hasAttribute("tabindex") && !wrapper.hasAttribute("data-scrolls")) return;
    const scrolls = wrapper.scrollWidth > wrapper.clientWidth;
    if (scrolls && !wrapper.hasAttribute("data-scrolls")) {
      const table = wrapper.querySelector("table");
      const caption = table && table.caption ? table.caption.textContent.trim() : "";
      const heading = wrapper.closest("section, main")?.querySelector("h1, h2, h3");
      wrapper.setAttribute("data-scrolls", "");
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", caption || (heading ? heading.textContent.trim() : document.title));
    } else if (!scrolls && wrapper.hasAttribute("data-scrolls")) {
      ["data-scrolls", "tabindex", "role", "aria-label"].forEach((name) => wrapper.removeAttribute(name));
    }
  });
}

let resizing = null;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => markScrollingTables(document), 150);
});
document.addEventListener("htmx:afterSettle", (event) => markScrollingTables(event.target));

document.addEventListener("DOMContentLoaded", () => {
  markScrollingTables(document);
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
