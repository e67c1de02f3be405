<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows feed.xml as a page when a reader opens it in a browser; feed readers ignore it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes"/>
  <xsl:template match="/rss/channel">
    <html lang="{language}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="title"/> · feed</title>
        <style>
          :root { color-scheme: light dark; }
          body { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; font: 17px/1.6 system-ui, sans-serif; }
          .note { background: #fff8c5; padding: .75rem 1rem; border-radius: 6px; }
          .meta { font-size: .9rem; }
          @media (prefers-color-scheme: dark) { .note { background: #3b3200; } }
          li { margin-bottom: 1.25rem; }
        </style>
      </head>
      <body>
        <p class="note">This is a web feed. Copy its address into your feed reader to follow
          <strong><xsl:value-of select="title"/></strong>:
          <code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
        <h1><a href="{link}"><xsl:value-of select="title"/></a></h1>
        <p><xsl:value-of select="description"/></p>
        <ul>
          <xsl:for-each select="item">
            <li>
              <a href="{link}"><xsl:value-of select="title"/></a>
              <span class="meta"> · <xsl:value-of select="substring(pubDate, 6, 11)"/></span><br/>
              <xsl:value-of select="description"/>
            </li>
          </xsl:for-each>
        </ul>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
