/** Organizations' own records where the SDK shapes do not fit storage. */
package dev.bulwark.server.services.organizations.model;
