package dev.bulwark.policy;
