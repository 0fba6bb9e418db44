/**
 * Gannet with Narayana as the JTA transaction manager: {@link dev.gannet.xa.narayana.GannetXAResourceRecovery} lets
 * Narayana's recovery manager find and complete the broker's in-doubt XA branches. Compiles against Narayana, which
 * the application brings.
 */
package dev.gannet.xa.narayana;
