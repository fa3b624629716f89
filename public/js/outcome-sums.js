// Insatsrapportens summor medan man skriver (progressiv förbättring): samma kontroller som servern gör
// (interventionreports/outcomes.pure.ts checkCounts), bara som ett meddelande; servern avgör när formuläret skickas.
(function () {
  var status = document.getElementById("sum-status");
  if (!status) return;
  var genders = [["women", "kvinnor"], ["men", "män"], ["other", "med annat/okänt kön"]];
  var reasons = ["arbete", "studier", "rehabilitering", "sjukdom", "egen_begaran", "ater_remittent", "annat"];
  var ages = ["16-18", "19-24", "25-29", "30-39", "40-49", "50-65"];
  function value(name) {
    var el = document.getElementById(name);
    var t = el ? el.value.replace(/\s/g, "") : "";
    return t === "" ? null : /^\d+$/.test(t) ? Number(t) : NaN;
  }
  function sum(names) { return names.reduce(function (a, n) { var v = value(n); return a + (v || 0); }, 0); }
  function check() {
    var problems = [];
    var anyAge = genders.some(function (g) { return ages.some(function (b) { return value("ages." + b + "." + g[0]); }); });
    genders.forEach(function (g) {
      var p = value("participants." + g[0]) || 0;
      var byReason = sum(reasons.map(function (r) { return "finished." + r + "." + g[0]; }));
      var typed = value("finishedTotal." + g[0]);
      var finished = typed === null ? byReason : typed;
      if (finished > p) problems.push("Avslutade " + g[1] + " (" + finished + ") är fler än deltagande " + g[1] + " (" + p + ").");
      if (typed !== null && typed !== byReason) problems.push("Avslutade " + g[1] + " per orsak summerar till " + byReason + ", men Avslutade " + g[1] + " är " + typed + ".");
      var aged = sum(ages.map(function (b) { return "ages." + b + "." + g[0]; }));
      if (anyAge && aged !== p) problems.push("Åldersgrupperna för " + g[1] + " summerar till " + aged + ", men deltagande " + g[1] + " är " + p + ".");
    });
    status.textContent = problems.length ? problems.join(" ") : "Summorna går ihop.";
    status.className = "sum-status" + (problems.length ? " sum-status-problem" : "");
  }
  document.addEventListener("input", function (e) { if (e.target && e.target.closest && e.target.closest(".count-grid")) check(); });
})();
