// Progressive enhancement of the saved page: a button that copies the resume link. Without this file the
// link is still there in full, to select and copy by hand (the button stays hidden).
(function () {
  "use strict";

  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Older browsers and pages not served over https have no navigator.clipboard: copy the selection instead.
  function copy(el) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(el.textContent.trim());
    selectText(el);
    return document.execCommand && document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  function init() {
    var buttons = document.querySelectorAll("button[data-copy-from]");
    for (var i = 0; i < buttons.length; i++) {
      (function (button) {
        var source = document.getElementById(button.getAttribute("data-copy-from"));
        var row = button.parentNode;
        var status = row.querySelector("[role=status]");
        if (!source) return;
        button.addEventListener("click", function () {
          status.textContent = "";
          copy(source).then(function () {
            status.textContent = button.getAttribute("data-copied");
          }, function () {
            selectText(source);
            status.textContent = button.getAttribute("data-failed");
          });
        });
        row.hidden = false;
      })(buttons[i]);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
