/**
 * Gannet's Jakarta Connectors 2.1 resource adapter: the broker a Jakarta EE server's applications reach through
 * connection factories, message-driven beans and XA transactions.
 */
package dev.gannet.ra;
