/** JMH benchmarks of the codecs' per-request work (routing, decoding with validation, encoding). */
package dev.bulwark.protocol.bench;
