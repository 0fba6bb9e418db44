/**
 * The application server's side of the contracts, as small as the tests need and real enough to prove the adapter:
 * a WorkManager over a thread pool, a BootstrapContext, a pooling and enlisting ConnectionManager, message endpoints
 * whose transactions Narayana runs. None of this is the adapter under test.
 */
package dev.gannet.ra.server;
