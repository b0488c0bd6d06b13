// Perizinan: small progressive enhancements (no inline script anywhere: CSP).

// A table wider (or, where its height is capped, taller) than its wrapper scrolls in it: while it
// does, the wrapper is a named region the keyboard can reach (Tab, then the arrow keys); when it
// fits, it is no tab stop.
// A wrapper named in the page (tabindex, role and name written there, for browsers without
// script) keeps its role and name; only its tab stop follows whether it scrolls.
function markScrollingTables(root) {
  root.querySelectorAll(".table-responsive").forEach((wrapper) => {
    if (wrapper.hasAttribute("tabindex") && !wrapper.hasAttribute("data-scrolls")) {
      wrapper.setAttribute("data-named", "");
    }
    // Sideways on a narrow screen; downwards where the page caps its height (the charts' tables).
    const scrolls = wrapper.scrollWidth > wrapper.clientWidth || wrapper.scrollHeight > wrapper.clientHeight;
    if (wrapper.hasAttribute("data-named")) {
      if (scrolls) wrapper.setAttribute("tabindex", "0");
      else wrapper.removeAttribute("tabindex");
      return;
    }
    if (scrolls && !wrapper.hasAttribute("data-scrolls")) {
      wrapper.setAttribute("data-scrolls", "");
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", tableName(wrapper));
    } else if (!scrolls && wrapper.hasAttribute("data-scrolls")) {
      ["data-scrolls", "tabindex", "role", "aria-label"].forEach((name) => wrapper.removeAttribute(name));
    }
  });
}

// The table's caption (read even when visually hidden); else the nearest heading before it.
function tableName(wrapper) {
  const table = wrapper.querySelector("table");
  if (table && table.caption && table.caption.textContent.trim()) return table.caption.textContent.trim();
  for (let el = wrapper; el && el !== document.body; el = el.parentElement) {
    for (let sibling = el.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      const headings = sibling.matches("h1, h2, h3, h4") ? [sibling] : sibling.querySelectorAll("h1, h2, h3, h4");
      if (headings.length) return headings[headings.length - 1].textContent.trim();
    }
  }
  return document.title;
}

let resizing = null;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => markScrollingTables(document), 150);
});
// Fonts and images arrive after DOMContentLoaded and may widen a table.
window.addEventListener("load", () => markScrollingTables(document));
// A swap may change a table's width (a whole list, or one row of it).
document.addEventListener("htmx:afterSettle", () => markScrollingTables(document));

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
