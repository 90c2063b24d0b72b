-- wrk: send every request as an empty POST (the click counter counts POSTs only).
wrk.method = "POST"
