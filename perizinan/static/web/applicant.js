// Applicant portal: upload progress, size check before upload, error summary focus.
// Loaded with <script src defer> (no inline script: CSP).
(function () {
  "use strict";

  function progressOf(elt) {
    var form = elt && elt.closest ? elt.closest("form.doc-upload") : null;
    return form ? form.querySelector("progress.upload-progress") : null;
  }

  // htmx reports the upload's progress on the form that sends it.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = progressOf(event.target);
    if (!bar || !event.detail || !event.detail.total) return;
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var bar = progressOf(event.target);
    if (bar) {
      bar.hidden = false;
      bar.removeAttribute("value"); // indeterminate until the first progress event
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var bar = progressOf(event.target);
    if (bar) bar.hidden = true;
  });

  // A refused upload (422) comes back as the row with its error: swap it in like a success.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // After the row is swapped, put the focus back on its file field so keyboard users keep their place.
  var lastRow = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var row = event.target.closest ? event.target.closest(".doc-row") : null;
    lastRow = row ? row.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!lastRow) return;
    var row = document.getElementById(lastRow);
    lastRow = null;
    var input = row ? row.querySelector("input[type=file]") : null;
    if (input) input.focus();
  });

  // Tell at once when a chosen file is larger than the office accepts (the server checks again).
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
    var max = parseInt(input.dataset.maxBytes, 10);
    var file = input.files && input.files[0];
    if (file && max && file.size > max) {
      input.setCustomValidity(input.dataset.tooBig || "");
      input.reportValidity();
    } else {
      input.setCustomValidity("");
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  });
})();
