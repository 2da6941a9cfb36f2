package io.augur.server.command;

import java.util.Set;

/** The text of INFO for the requested sections (`default`, `all`, `everything` or section names). */
@FunctionalInterface
public interface ServerInfo {

    String render(Set<String> sections);
}
