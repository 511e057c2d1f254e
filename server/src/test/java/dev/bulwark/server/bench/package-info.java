/**
 * Load generators for the scripts in {@code tools/load/}: mains run against a server the script started, printing
 * one line of figures for the script to record. Not tests; nothing here runs in the build.
 */
package dev.bulwark.server.bench;
