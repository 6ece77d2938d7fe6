// Integration and end-to-end tests talk to a real server over HTTP on shared, sometimes busy
// machines: a first report starts a worker thread, a first page compiles nothing but still warms
// caches. Jest's 5 s default turned that into failures that said nothing about the product; no test
// measures speed (the bench does). A file may still set its own timeout.
jest.setTimeout(30_000);
