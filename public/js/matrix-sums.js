// Förflyttningsmatrisens summor medan man skriver (progressiv förbättring): en Summa-kolumn per rad och
// samma kontroll som servern gör (movements.pure.ts followUpIssues), bara som ett meddelande; servern
// avgör när formuläret skickas.
(function () {
  var status = document.getElementById("sum-status");
  var end = document.querySelector("table.matrix[data-prefix='m']");
  var after = document.querySelector("table.matrix[data-prefix='y']");
  if (!status || !end) return;
  function rows(table) { return Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-row]")); }
  function label(tr) { return tr.querySelector("th").textContent.trim().toLowerCase(); }
  // A Summa column, filled below; the header names it for screen readers too.
  [end, after].forEach(function (table) {
    if (!table) return;
    var th = document.createElement("th");
    th.scope = "col"; th.textContent = "Summa";
    table.querySelector("thead tr").appendChild(th);
    rows(table).forEach(function (tr) { var td = document.createElement("td"); td.className = "row-sum"; tr.appendChild(td); });
  });
  // null for a row with something that is not a whole number (the server names that cell).
  function rowSum(tr) {
    var total = 0, bad = false;
    Array.prototype.forEach.call(tr.querySelectorAll("input"), function (el) {
      var t = el.value.replace(/\s/g, "");
      if (t === "") return;
      if (!/^\d+$/.test(t)) bad = true; else total += Number(t);
    });
    return bad ? null : total;
  }
  function check() {
    var problems = [], started = {}, people = 0, moved = 0;
    rows(end).forEach(function (tr) {
      var s = rowSum(tr);
      tr.querySelector(".row-sum").textContent = s === null ? "–" : String(s);
      if (s === null) problems.push("Från " + label(tr) + ": skriv heltal, 0 eller större, eller lämna tomt.");
      started[tr.dataset.row] = s || 0;
      people += s || 0;
      var diagonal = tr.querySelector("td.diagonal input");
      moved += (s || 0) - (diagonal && /^\d+$/.test(diagonal.value.replace(/\s/g, "")) ? Number(diagonal.value.replace(/\s/g, "")) : 0);
    });
    if (after) rows(after).forEach(function (tr) {
      var s = rowSum(tr);
      tr.querySelector(".row-sum").textContent = s === null ? "–" : String(s);
      if (s === null) problems.push("Ett år efter, från " + label(tr) + ": skriv heltal, 0 eller större, eller lämna tomt.");
      else if (s > started[tr.dataset.row]) problems.push("Ett år efter: " + s + " följs upp från " + label(tr) + ", men bara " + started[tr.dataset.row] + " började med " + label(tr) + ".");
    });
    status.textContent = problems.length ? problems.join(" ") : "Summorna går ihop: " + people + " deltagare, varav " + moved + " förflyttade.";
    status.className = "sum-status" + (problems.length ? " sum-status-problem" : "");
  }
  document.addEventListener("input", function (e) { if (e.target && e.target.closest && e.target.closest("table.matrix")) check(); });
  check();
})();
