package org.industriallmonitor.config;

/** {@code type: matrix}: an m.room.message in a room the bot account has joined. */
final class MatrixChannelReader implements ChannelReader {
  @Override
  public ChannelConfig read(String id, ConfigNode.Mapping m) {
    String digest = ChannelReader.digest(m);
    String room = m.required("room").nonBlankString().trim();
    if (!room.matches("![^:\\s]+:\\S+")) {
      throw m.required("room").error("expected a room id such as !AbCdEf:example.org (Room settings, Advanced), got '" + room + "'");
    }
    return new ChatChannelConfig.Matrix(id, m.required("homeserver").httpUrl(), room,
        ChannelReader.token(m.required("token"), "MATRIX_TOKEN"), digest);
  }
}
