// Bilaga preview, progressive enhancement: a print button instead of the words about the browser's own print command.
(function () {
  var button = document.querySelector("[data-skriv-ut]");
  var words = document.querySelector("[data-utan-skript]");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  if (words) words.hidden = true;
  button.addEventListener("click", function () { window.print(); });
})();
