"""The document library: custom Document and Image models, the library page,
and the rules that keep private documents private."""
