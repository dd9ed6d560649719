"""The hand-written engine, which knows no operation: clients, transport, body reading, auth, retry, the portal of
the blocking face, pagination and raw responses. Generated operations hand it a request and a parser."""
