package dev.bulwark.protocol;
