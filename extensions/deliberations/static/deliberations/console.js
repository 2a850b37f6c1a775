/* The séance console without page reloads, as an enhancement: every form
   marked data-enhance still works as a normal form; with this script it
   is posted in the background (its CSRF field included), and the parts of
   the page marked data-live are replaced by those of the page the server
   answers with, so the scroll position and the focus stay where they were.
   A part marked data-live="state" is replaced only when its data-state
   changed (it holds a form the secretary may be filling in).
   The vote grid's tally is kept live with the rules of
   extensions/deliberations/rules.py (vote_result, majority_needed); the
   server computes them again when the vote is recorded. */
(function () {
    "use strict";

    /* Replaces only what changed (a row of the appel, not the whole list):
       the browser then keeps the rows in view where they were. */
    function update(current, fresh) {
        if (current.isEqualNode(fresh)) {
            return;
        }
        if (current.open) {
            fresh.open = true;
        }
        var same = current.children.length > 0 && current.children.length === fresh.children.length &&
            current.tagName === fresh.tagName &&
            Array.prototype.every.call(current.children, function (child, index) {
                return child.tagName === fresh.children[index].tagName;
            });
        if (!same) {
            current.replaceWith(fresh.cloneNode(true));
            return;
        }
        Array.prototype.slice.call(current.attributes).forEach(function (attribute) {
            if (!fresh.hasAttribute(attribute.name) && attribute.name !== "open") {  // a details left open stays so
                current.removeAttribute(attribute.name);
            }
        });
        Array.prototype.forEach.call(fresh.attributes, function (attribute) {
            current.setAttribute(attribute.name, attribute.value);
        });
        var pairs = Array.prototype.map.call(current.children, function (child, index) {
            return [child, fresh.children[index]];
        });
        pairs.forEach(function (pair) {
            update(pair[0], pair[1]);
        });
        if (!current.isEqualNode(fresh)) {
            current.replaceWith(fresh.cloneNode(true));  // text between the elements changed
        }
    }

    function swap(html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (current) {
            var fresh = next.getElementById(current.id);
            if (!fresh) {
                current.replaceChildren();
            } else if (current.dataset.live !== "state" || current.dataset.state !== fresh.dataset.state) {
                update(current, document.importNode(fresh, true));
            }
        });
        var messages = document.querySelector(".messages ul");
        var freshMessages = next.querySelector(".messages ul");
        if (messages && freshMessages) {
            messages.innerHTML = freshMessages.innerHTML;
        }
        document.querySelectorAll("form[data-tally]").forEach(updateTally);
    }

    document.addEventListener("submit", function (event) {
        var form = event.target.closest("form[data-enhance]");
        if (!form || !window.fetch) {
            return;
        }
        event.preventDefault();
        if (form.dataset.busy) {
            return;  // a double tap posts once
        }
        form.dataset.busy = "1";
        var focused = document.activeElement && document.activeElement.id;
        var body = new FormData(form, event.submitter);
        fetch(form.action, {method: "POST", body: body, credentials: "same-origin"})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(response.status);
                }
                return response.text();
            })
            .then(function (html) {
                swap(html);
                var again = focused && document.getElementById(focused);
                if (again) {
                    again.focus({preventScroll: true});
                }
            })
            .catch(function () {
                form.submit();  // the server answers as for any form
            })
            .finally(function () {
                delete form.dataset.busy;
            });
    });

    /* L2121-20: adopted by the absolute majority of the votes cast (pour +
       contre); on a tie the president's vote prevails, except in a secret
       ballot. Same rules as rules.vote_result. */
    function outcome(pour, contre, secret, presidentVote) {
        if (pour > contre) {
            return "adopted";
        }
        if (pour < contre || secret || (presidentVote !== "pour" && presidentVote !== "contre")) {
            return "rejected";
        }
        return presidentVote === "pour" ? "adopted" : "rejected";
    }

    function count(form) {
        var voices = Number(form.dataset.voices);
        var counts = {pour: 0, contre: 0, abstention: 0, nppp: 0, missing: 0, president: null};
        if (form.dataset.secret === "1") {
            ["pour", "contre", "abstention"].forEach(function (name) {
                counts[name] = Number(form.elements[name].value) || 0;
            });
            counts.nppp = voices - counts.pour - counts.contre - counts.abstention;
            return counts;
        }
        form.querySelectorAll("fieldset").forEach(function (fieldset) {
            var checked = fieldset.querySelector("input:checked");
            if (!checked) {
                counts.missing += 1;
                return;
            }
            counts[checked.value] += 1;
            if (checked.name === "voice_" + form.dataset.president) {
                counts.president = checked.value;
            }
        });
        return counts;
    }

    function updateTally(form) {
        var box = form.querySelector(".seance__tally");
        var counts = count(form);
        var cast = counts.pour + counts.contre;
        var values = {
            pour: counts.pour, contre: counts.contre, abstention: counts.abstention, nppp: counts.nppp,
            cast: cast, majority: Math.floor(cast / 2) + 1, missing: counts.missing,
            outcome: counts.missing ? "—" : box.dataset[outcome(counts.pour, counts.contre,
                                                                form.dataset.secret === "1", counts.president)],
        };
        if (counts.nppp < 0) {
            values.outcome = box.dataset.tooMany;
        }
        Object.keys(values).forEach(function (key) {
            box.querySelector("[data-count='" + key + "']").textContent = values[key];
        });
    }

    document.addEventListener("input", function (event) {
        var form = event.target.closest("form[data-tally]");
        if (form) {
            updateTally(form);
        }
    });

    /* « Tous pour »: fills the grid on the page (the link reloads it
       filled when this script does not run). */
    document.addEventListener("click", function (event) {
        var link = event.target.closest("[data-fill]");
        if (!link) {
            return;
        }
        event.preventDefault();
        var form = link.closest("form");
        form.querySelectorAll("input[type=radio][value='" + link.dataset.fill + "']").forEach(function (input) {
            input.checked = true;
        });
        updateTally(form);
    });
})();
