/** Test helpers shared by the protocol tests. */
package dev.bulwark.protocol.testing;
