/* Live election results: polls the page's JSON (validated figures only)
   and updates the tables and charts in place, without reloading. Every
   chart has a table with the same figures; the tables are the reference. */
(function () {
    "use strict";
    var live = document.getElementById("election-live");
    if (!live) { return; }
    var number = new Intl.NumberFormat("fr-FR");
    var pct = new Intl.NumberFormat("fr-FR", {minimumFractionDigits: 2, maximumFractionDigits: 2});
    var charts = {};

    function cell(tag, text, scope) {
        var element = document.createElement(tag);
        element.textContent = text;
        if (scope) { element.scope = scope; }
        return element;
    }

    function fillBody(table, rows) {
        var body = document.querySelector(table + " tbody");
        if (!body) { return; }
        body.replaceChildren.apply(body, rows.map(function (cells) {
            var row = document.createElement("tr");
            cells.forEach(function (c) { row.appendChild(c); });
            return row;
        }));
    }

    function render(data) {
        live.querySelector("[data-field=bureaux]").textContent = data.bureaux.label;
        live.querySelector("[data-field=outcome]").textContent = data.outcome;
        var badge = live.querySelector(".elections-badge");
        if (badge) { badge.hidden = data.complete; }
        document.querySelectorAll("[data-total]").forEach(function (element) {
            var name = element.getAttribute("data-total");
            var value = data.totals[name];
            element.textContent = name.indexOf("pct_") === 0 ? pct.format(value) + " %" : number.format(value);
        });
        var withSeats = data.scrutin.seats;
        fillBody("#election-candidatures", data.candidatures.map(function (c) {
            var cells = [cell("td", c.panel), cell("th", c.name + (c.head ? " (" + c.head + ")" : ""), "row"),
                cell("td", c.nuance), cell("td", number.format(c.voix)), cell("td", pct.format(c.pct_inscrits) + " %"),
                cell("td", pct.format(c.pct_exprimes) + " %")];
            if (withSeats) { cells.push(cell("td", c.seats === null ? "–" : c.seats)); }
            return cells;
        }));
        fillBody("#election-participation", data.participation.map(function (p) {
            return [cell("th", p.label, "row"), cell("td", number.format(p.votants)), cell("td", pct.format(p.pct) + " %")];
        }));
        fillBody("#election-bureaux", data.per_bureau.map(function (b) {
            return [cell("th", b.number + " – " + b.name, "row"), cell("td", number.format(b.inscrits)),
                cell("td", number.format(b.votants)), cell("td", number.format(b.exprimes))].concat(
                b.voix.map(function (v) { return cell("td", number.format(v)); }));
        }));
        var steps = document.getElementById("election-steps");
        if (steps && data.allocation) {
            steps.replaceChildren.apply(steps, data.allocation.steps.map(function (s) { return cell("li", s); }));
        }
        drawCharts(data);
    }

    function drawCharts(data) {
        if (typeof window.Chart === "undefined") { return; }
        var sets = {
            "chart-voix": {type: "bar", labels: data.candidatures.map(function (c) { return c.name; }),
                values: data.candidatures.map(function (c) { return c.voix; }), label: "Voix", axis: "y"},
            "chart-participation": {type: "bar", labels: data.participation.map(function (p) { return p.label; }),
                values: data.participation.map(function (p) { return p.pct; }), label: "% des inscrits", axis: "x"}
        };
        Object.keys(sets).forEach(function (id) {
            var set = sets[id];
            var canvas = document.getElementById(id);
            if (!canvas) { return; }
            if (charts[id]) {
                charts[id].data.labels = set.labels;
                charts[id].data.datasets[0].data = set.values;
                charts[id].update();
                return;
            }
            charts[id] = new window.Chart(canvas, {
                type: set.type,
                data: {labels: set.labels, datasets: [{label: set.label, data: set.values, backgroundColor: "#1f3f8f"}]},
                options: {indexAxis: set.axis, animation: false, responsive: true, maintainAspectRatio: false,
                    plugins: {legend: {display: false}}, locale: "fr-FR"}
            });
        });
    }

    function poll() {
        fetch(live.getAttribute("data-url"), {headers: {"Accept": "application/json"}, credentials: "omit"})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) { if (data) { render(data); } })
            .catch(function () { /* offline for a moment: the next poll retries */ });
    }

    poll();
    window.setInterval(poll, 1000 * (parseInt(live.getAttribute("data-poll"), 10) || 15));
}());
