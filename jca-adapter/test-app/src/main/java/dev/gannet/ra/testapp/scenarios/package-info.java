/**
 * The tests each server's suite runs inside that server, against the test application.
 */
package dev.gannet.ra.testapp.scenarios;
