"""The shared core under every extension: plumbing that several apps need
(e-mail, request identity, rate limits, signed links and tokens, private
storage, PDF documents), defined once. It imports no extension."""
