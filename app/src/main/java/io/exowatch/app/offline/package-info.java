/** Offline mode: the bundled source snapshot, the fake-source HTTP server and the synthetic study generator. */
package io.exowatch.app.offline;
