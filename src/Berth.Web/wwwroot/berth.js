// Progressive enhancements only: every page works without this script.
(() => {
  "use strict";

  // Copy buttons next to pull commands and new token secrets.
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy-target]");
    if (!button) return;
    const source = document.getElementById(button.dataset.copyTarget);
    if (!source) return;
    const text = source.textContent.trim();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand("copy");
    }
    button.dataset.copied = "";
    button.textContent = "Copied";
    setTimeout(() => { delete button.dataset.copied; button.textContent = "Copy"; }, 2000);
  });

  // Destructive forms (or buttons, where one form holds several actions) ask first.
  document.addEventListener("submit", (event) => {
    const message = event.submitter?.dataset.confirm ?? event.target.closest("form[data-confirm]")?.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  // The sort menu applies on change.
  document.addEventListener("change", (event) => {
    if (event.target.matches("form[data-autosubmit] select")) event.target.form.requestSubmit();
  });
})();
