/** The server's settings, validated when built so a bad value fails at start rather than mid-request. */
package dev.bulwark.server.config;
