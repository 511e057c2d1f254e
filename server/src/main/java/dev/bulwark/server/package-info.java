package dev.bulwark.server;
