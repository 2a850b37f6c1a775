"""The reusable core of participation, independent of photos: actions
confirmed by an e-mail link, consents recorded with their wording, one vote
per person enforced by the database, and bot protection without third
parties. A future idea box or survey builds on the same pieces."""
