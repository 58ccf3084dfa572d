-- V16 (as SQLite's V16): channels with filters (match, exclude, themes, countries).

-- The channels an article is for, decided once in the transaction that records it: its countries'
-- channels (and languages) whose filters it passed, the text filters asked of the search index holding
-- its new row. Its later article.updated and article.removed go to these channels. Articles recorded
-- before V16 have no rows and channels_recorded 0: they go to their countries' channels, as before.
ALTER TABLE articles ADD COLUMN channels_recorded INTEGER NOT NULL DEFAULT 0;

CREATE TABLE article_channels (
  article_id BIGINT NOT NULL REFERENCES articles(id),
  channel    TEXT NOT NULL,     -- a notifications.channels[].id
  PRIMARY KEY (article_id, channel)
);
CREATE INDEX article_channels_channel ON article_channels(channel);

-- An article's theme tags (the sidecar holds them too; `reindex` fills this table for articles
-- archived before V16): what a channel's themes: filter and `search --channel` ask. A theme written as
-- an id is a tag of that id; one written as a name is a tag of that name, case and accents aside
-- (name_key: the name as CountryNames.key writes it), as the routing of an alert compares them: the
-- site names one theme differently in each language.
CREATE TABLE article_themes (
  article_id BIGINT NOT NULL REFERENCES articles(id),
  theme      INTEGER NOT NULL,  -- the site's id of the theme
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  PRIMARY KEY (article_id, theme)
);
CREATE INDEX article_themes_theme ON article_themes(theme);
CREATE INDEX article_themes_name_key ON article_themes(name_key);
