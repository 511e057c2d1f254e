/** The {@code bulwark} command: {@code init}, {@code serve}, {@code policy evaluate|validate}. */
package dev.bulwark.server.cli;
