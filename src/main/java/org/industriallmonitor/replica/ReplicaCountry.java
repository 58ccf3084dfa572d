package org.industriallmonitor.replica;

/** A country of the replica's facet list. */
public record ReplicaCountry(int region, String name) {
  /** The names the live site gives the fixtures' countries in its other languages (its Spanish pages say Kirguistán). */
  private static final java.util.Map<String, java.util.Map<String, String>> NAMES = java.util.Map.of(
      "Kyrgyzstan", java.util.Map.of("es", "Kirguistán", "fr", "Kirghizistan", "ru", "Кыргызстан"),
      "Kazakhstan", java.util.Map.of("es", "Kazajistán", "fr", "Kazakhstan", "ru", "Казахстан"),
      "Uzbekistan", java.util.Map.of("es", "Uzbekistán", "fr", "Ouzbékistan", "ru", "Узбекистан"));

  /** This country's name in {@code language}: the English one when the replica knows no other. */
  public String nameIn(String language) {
    return NAMES.getOrDefault(name, java.util.Map.of()).getOrDefault(language, name);
  }
}
