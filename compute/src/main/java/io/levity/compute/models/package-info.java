/**
 * Models and data by storage root: a {@code ContentStore} puts a file on the storage network and
 * fetches it back verified against its root.
 */
package io.levity.compute.models;
