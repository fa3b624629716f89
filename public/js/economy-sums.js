// Ekonomins summor medan man skriver (progressiv förbättring): budget, utfall och avvikelse per slag och
// för förbundet, som tabellen räknar dem (economy.pure.ts economyRows), och en rad per belopp som inte är
// hela kronor. Bara ett meddelande; servern avgör när formuläret skickas.
(function () {
  var status = document.getElementById("sum-status");
  var form = status && status.closest("form");
  if (!form) return;
  var labels = { individinriktad: "individinriktade insatser", strukturovergripande: "strukturövergripande insatser", administration: "administration" };
  // Hela kronor, med mellanslag, "kr" och minustecken som servern tar emot; null för tomt, NaN för fel.
  function kronor(t) {
    t = t.replace(/[\s\u00A0\u202F]/g, "").replace(/kr$/i, "").replace(/^[\u2212\u2013]/, "-");
    return t === "" ? null : /^-?\d+$/.test(t) ? Number(t) : NaN;
  }
  function format(n) { return (n < 0 ? "\u2212" : "") + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00A0"); }
  function check() {
    var sums = {}, total = { budget: null, utfall: null }, problems = [];
    Array.prototype.forEach.call(form.querySelectorAll("select[name$='.category']"), function (sel) {
      var p = sel.name.slice(0, -".category".length), n = Number(p.split(".")[1]) + 1;
      var label = form.elements[p + ".label"].value.trim() || "Rad " + n;
      ["budget", "utfall"].forEach(function (k) {
        var v = kronor(form.elements[p + "." + k].value);
        if (v !== v) { problems.push(label + ": " + (k === "budget" ? "budgeten" : "utfallet") + " är inte ett belopp i hela kronor."); return; }
        if (v === null) return;
        var s = sums[sel.value] = sums[sel.value] || { budget: null, utfall: null };
        s[k] = (s[k] || 0) + v; total[k] = (total[k] || 0) + v;
      });
    });
    var parts = Object.keys(labels).filter(function (c) { return sums[c]; }).map(function (c) { return describe("Summa " + labels[c], sums[c]); });
    if (total.budget !== null || total.utfall !== null) parts.push(describe("Förbundet totalt", total));
    status.textContent = problems.length ? problems.join(" ") : parts.join(" ");
    status.className = "sum-status" + (problems.length ? " sum-status-problem" : "");
  }
  function describe(head, s) {
    var a = s.budget !== null && s.utfall !== null ? ", avvikelse " + format(s.budget - s.utfall) + " kr" : "";
    return head + ": budget " + (s.budget === null ? "–" : format(s.budget) + " kr") + ", utfall " + (s.utfall === null ? "–" : format(s.utfall) + " kr") + a + ".";
  }
  form.addEventListener("input", check);
  form.addEventListener("change", check);
  check();
})();
