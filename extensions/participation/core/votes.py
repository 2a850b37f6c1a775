"""Casting and withdrawing votes of any AbstractVote model; the one-vote
rule is the database's unique constraint, not a prior check."""
from django.db import IntegrityError, transaction


def cast(vote_model, **fields):
    """The new vote, or None when this voter already holds this slot."""
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction survives
            return vote_model.objects.create(**fields)
    except IntegrityError:
        return None
