package io.redframe.internal.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed store URL:
 *
 * <ul>
 *   <li>{@code redis://[user:password@]host[:port][/db][?option=value&...]}
 *   <li>{@code rediss://...} the same over TLS
 *   <li>{@code redis-cluster://[user:password@]host:port[,host:port...][?option=value&...]} Redis
 *       Cluster, reached through any of the seed nodes listed (and {@code rediss-cluster://} over
 *       TLS); no database number
 *   <li>{@code embedded:[dir][?option=value&...]} a redis-server that redframe starts and shares
 * </ul>
 *
 * User and password are percent-decoded. {@link #toString()} never shows the password.
 */
public record StoreUrl(
    Kind kind,
    String host,
    int port,
    Optional<String> user,
    Optional<String> password,
    int database,
    Optional<Path> directory,
    Map<String, String> options,
    List<Node> nodes) {

  /** A seed node of a cluster URL. */
  public record Node(String host, int port) {
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** What a URL connects to. */
  public enum Kind {
    REDIS,
    REDIS_TLS,
    CLUSTER,
    CLUSTER_TLS,
    EMBEDDED;

    /** Whether the URL names a Redis Cluster. */
    public boolean cluster() {
      return this == CLUSTER || this == CLUSTER_TLS;
    }

    /** Whether connections use TLS. */
    public boolean tls() {
      return this == REDIS_TLS || this == CLUSTER_TLS;
    }

    String scheme() {
      return switch (this) {
        case REDIS -> "redis://";
        case REDIS_TLS -> "rediss://";
        case CLUSTER -> "redis-cluster://";
        case CLUSTER_TLS -> "rediss-cluster://";
        case EMBEDDED -> "embedded:";
      };
    }
  }

  public static final int DEFAULT_PORT = 6379;

  public StoreUrl {
    options = Map.copyOf(options);
    nodes = List.copyOf(nodes);
  }

  /** Parses {@code url}, or throws {@link IllegalArgumentException} naming what is wrong. */
  public static StoreUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("Store URL must not be empty");
    }
    String text = url.trim();
    int query = text.indexOf('?');
    Map<String, String> options = query < 0 ? Map.of() : parseQuery(url, text.substring(query + 1));
    String base = query < 0 ? text : text.substring(0, query);
    if (base.startsWith("embedded:")) {
      String dir = base.substring("embedded:".length());
      Optional<Path> directory = dir.isEmpty() ? Optional.empty() : Optional.of(expand(dir));
      return new StoreUrl(
          Kind.EMBEDDED,
          "127.0.0.1",
          0,
          Optional.empty(),
          Optional.empty(),
          0,
          directory,
          options,
          List.of());
    }
    for (Kind kind : List.of(Kind.REDIS, Kind.REDIS_TLS, Kind.CLUSTER, Kind.CLUSTER_TLS)) {
      if (base.startsWith(kind.scheme())) {
        return parseServer(url, kind, base.substring(kind.scheme().length()), options);
      }
    }
    throw bad(
        url,
        "the scheme must be redis://, rediss://, redis-cluster://, rediss-cluster:// or embedded:");
  }

  private static StoreUrl parseServer(
      String url, Kind kind, String rest, Map<String, String> options) {
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      String u = colon < 0 ? userInfo : userInfo.substring(0, colon);
      if (!u.isEmpty()) {
        user = Optional.of(decode(url, u));
      }
      if (colon >= 0) {
        password = Optional.of(decode(url, userInfo.substring(colon + 1)));
      }
    }
    int database = 0;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String db = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
      if (!db.isEmpty()) {
        database = number(url, db, "database", 0, 1_000_000);
      }
    }
    if (!kind.cluster() && rest.contains(",")) {
      throw bad(url, "several hosts are a Redis Cluster: use redis-cluster://host:port,host:port");
    }
    List<Node> nodes = new ArrayList<>();
    for (String node : kind.cluster() ? rest.split(",", -1) : new String[] {rest}) {
      nodes.add(node(url, node.trim()));
    }
    if (kind.cluster() && database != 0) {
      throw bad(url, "Redis Cluster has only database 0");
    }
    Node first = nodes.get(0);
    return new StoreUrl(
        kind,
        first.host(),
        first.port(),
        user,
        password,
        database,
        Optional.empty(),
        options,
        kind.cluster() ? nodes : List.of());
  }

  private static Node node(String url, String rest) {
    String host = rest;
    int port = DEFAULT_PORT;
    int colon = rest.lastIndexOf(':');
    if (rest.startsWith("[")) { // IPv6 literal: [::1]:6379
      int close = rest.indexOf(']');
      if (close < 0) {
        throw bad(url, "unclosed '[' in the host");
      }
      host = rest.substring(1, close);
      String after = rest.substring(close + 1);
      if (after.startsWith(":")) {
        port = number(url, after.substring(1), "port", 1, 65535);
      } else if (!after.isEmpty()) {
        throw bad(url, "unexpected '" + after + "' after the host");
      }
    } else if (colon >= 0) {
      host = rest.substring(0, colon);
      port = number(url, rest.substring(colon + 1), "port", 1, 65535);
    }
    if (host.isEmpty()) {
      throw bad(url, "the host is missing");
    }
    return new Node(host, port);
  }

  private static Map<String, String> parseQuery(String url, String query) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw bad(url, "query parameter '" + pair + "' is not name=value");
      }
      String name = decode(url, pair.substring(0, eq));
      String previous = options.put(name, decode(url, pair.substring(eq + 1)));
      if (previous != null) {
        throw bad(url, "option '" + name + "' is given twice");
      }
    }
    return options;
  }

  private static Path expand(String dir) {
    if (dir.equals("~") || dir.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), dir.substring(1)).normalize();
    }
    return Path.of(dir).toAbsolutePath().normalize();
  }

  private static int number(String url, String text, String what, int min, int max) {
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(url, "the " + what + " '" + text + "' is not a number from " + min + " to " + max);
  }

  private static String decode(String url, String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // The text may be a password: say where, not what.
      throw bad(url, "bad percent-encoding in the user, password or an option");
    }
  }

  private static IllegalArgumentException bad(String url, String problem) {
    return new IllegalArgumentException("Invalid store URL '" + redact(url) + "': " + problem);
  }

  /** The URL with any password replaced by {@code ***}. */
  public static String redact(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    String userInfo = url.substring(scheme + 3, at);
    int colon = userInfo.indexOf(':');
    if (colon < 0) {
      return url;
    }
    return url.substring(0, scheme + 3) + userInfo.substring(0, colon) + ":***" + url.substring(at);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case EMBEDDED -> "embedded:" + directory.map(Path::toString).orElse("");
      case REDIS, REDIS_TLS, CLUSTER, CLUSTER_TLS ->
          kind.scheme()
              + user.map(u -> u + (password.isPresent() ? ":***@" : "@"))
                  .orElse(password.isPresent() ? ":***@" : "")
              + (kind.cluster()
                  ? String.join(",", nodes.stream().map(Node::toString).toList())
                  : new Node(host, port).toString())
              + (database == 0 ? "" : "/" + database);
    };
  }
}
