/** JMH benchmarks of SigV4 verification; run by hand, never by the test suite. */
package dev.bulwark.protocol.sigv4.bench;
