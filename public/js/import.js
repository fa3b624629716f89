// Import page, progressive enhancement: a chosen CSV file is read into the textarea, which alone is
// sent (the app takes no multipart uploads). Without JavaScript the file field stays hidden and pasting works.
(function () {
  var field = document.getElementById("file-field");
  var input = document.getElementById("csv-file");
  var area = document.getElementById("csv");
  var hint = document.getElementById("csv-file-hint");
  if (!field || !input || !area || !window.Blob || !Blob.prototype.text) return;
  var LIMIT = 20 * 1024 * 1024;
  field.hidden = false;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) return;
    if (file.size > LIMIT) {
      hint.textContent = "Filen är större än 20 MB. Dela upp den, eller importera den med API:t (POST /api/v1/collections/<id>/import).";
      return;
    }
    file.text().then(function (text) {
      area.value = text.replace(/^\uFEFF/, "");
      hint.textContent = "”" + file.name + "” är inläst i textrutan. Förhandsgranska eller importera.";
      area.focus();
    });
  });
})();
