package io.exowatch.ingest.testing;

/** E-utilities answers written by the tests themselves, in NCBI's XML shapes. */
public final class PubMedXml {

  private PubMedXml() {
  }

  /** An esearch answer with history. */
  public static String search(final long count, final String webEnv) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
        + "<!DOCTYPE eSearchResult PUBLIC \"-//NLM//DTD esearch 20060628//EN\" \"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd\">\n"
        + "<eSearchResult><Count>" + count + "</Count><RetMax>0</RetMax><RetStart>0</RetStart><QueryKey>1</QueryKey>"
        + "<WebEnv>" + webEnv + "</WebEnv><IdList/></eSearchResult>";
  }

  /** An efetch answer with one article per PMID (DOI {@code 10.5555/pmid.<pmid>} when {@code withDoi}). */
  public static String articles(final boolean withDoi, final long... pmids) {
    final StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" ?>\n<PubmedArticleSet>\n");
    for (final long pmid : pmids) {
      sb.append("<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">").append(pmid)
          .append("</PMID><Article><Journal><Title>Journal of Extracellular Vesicles</Title></Journal>")
          .append("<ArticleTitle>MSC exosomes study ").append(pmid).append("</ArticleTitle>")
          .append("<Abstract><AbstractText>Mesenchymal stromal cell EVs (NCT0").append(4000000 + pmid % 1000000)
          .append(").</AbstractText></Abstract><Language>eng</Language></Article></MedlineCitation>")
          .append("<PubmedData><ArticleIdList><ArticleId IdType=\"pubmed\">").append(pmid).append("</ArticleId>");
      if (withDoi) {
        sb.append("<ArticleId IdType=\"doi\">10.5555/pmid.").append(pmid).append("</ArticleId>");
      }
      sb.append("</ArticleIdList></PubmedData></PubmedArticle>\n");
    }
    return sb.append("</PubmedArticleSet>\n").toString();
  }

  /** An efetch answer whose DOCTYPE declares an external entity pointing at {@code fileUri}. */
  public static String withExternalEntity(final String fileUri) {
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM \"" + fileUri + "\">]>\n"
        + "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&xxe;</ArticleTitle>"
        + "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>";
  }
}
