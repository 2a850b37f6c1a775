/* Photo contests: the proof-of-work anti-robot check (ALTCHA-style: find
   the number whose SHA-256 hash with the server's salt is the challenge),
   focus on error summaries, and arrow keys between photos. No third party,
   no inline script. */
(function () {
    "use strict";

    async function sha256Hex(text) {
        const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
        return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    }

    async function solve(challenge) {
        for (let number = 0; number <= challenge.maxnumber; number += 1) {
            if (await sha256Hex(challenge.salt + number) === challenge.challenge) {
                return btoa(JSON.stringify({
                    algorithm: challenge.algorithm, challenge: challenge.challenge,
                    number: number, salt: challenge.salt, signature: challenge.signature,
                }));
            }
        }
        throw new Error("unsolvable");
    }

    function protect(form) {
        const field = form.querySelector("input[name=altcha]");
        const status = form.querySelector("[data-pow-status]");
        let sendWhenDone = false;
        let done = false;
        const say = (text) => { if (status) { status.textContent = text; } };
        field.value = "";
        say(form.dataset.powWorking);
        fetch(form.dataset.powUrl, { credentials: "same-origin", cache: "no-store" })
            .then((response) => response.json())
            .then(solve)
            .then((payload) => {
                field.value = payload;
                done = true;
                say(form.dataset.powDone);
                if (sendWhenDone) { form.requestSubmit(); }
            })
            .catch(() => say(form.dataset.powFailed));
        form.addEventListener("submit", (event) => {
            if (!done) {
                event.preventDefault();
                sendWhenDone = true;
                say(form.dataset.powWorking);
            }
        });
    }

    function arrowKeys() {
        document.addEventListener("keydown", (event) => {
            if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
            if (event.target.closest("input, textarea, select, [contenteditable]")) { return; }
            const rel = { ArrowLeft: "prev", ArrowRight: "next" }[event.key];
            const link = rel && document.querySelector(`.entry-nav a[rel=${rel}]`);
            if (link) { window.location.assign(link.href); }
        });
    }

    document.querySelectorAll("form[data-pow-url]").forEach(protect);
    const summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
    arrowKeys();
}());
