// The multilingual word lists behind text_lexicon.h, merged into one hash table of word classes.
#include "text/lexicon.h"

#include <array>
#include <string_view>
#include <unordered_map>

namespace winnow::clean {
namespace {

constexpr auto kFunctionWords = std::to_array<std::string_view>({
    // English
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "in", "into", "is", "it", "its", "not", "of", "on", "or", "she",
    "that", "the", "their", "they", "this", "to", "was", "were", "which", "who", "will", "with",
    "would",
    // German
    "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der", "des", "die", "ein", "eine",
    "einem", "einen", "einer", "es", "hat", "ist", "mit", "nach", "nicht", "sich", "sind", "und",
    "von", "vor", "war", "wird", "wurde", "zu", "zum", "zur",
    // French
    "au", "aux", "ce", "cette", "dans", "du", "elle", "est", "et", "il", "la", "le", "les", "leur",
    "mais", "ne", "ont", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sont",
    "sur", "un", "une",
    // Spanish, Italian, Portuguese (shared forms listed once)
    "al", "como", "con", "da", "del", "della", "do", "dos", "el", "em", "en", "era", "foi", "ha",
    "i", "las", "lo", "los", "mas", "na", "nel", "no", "o", "os", "para", "pela", "pelo", "per",
    "por", "su", "sus", "uma", "y", "è", "é", "à",
    // Dutch
    "het", "een", "van", "voor", "niet", "met", "zijn", "op", "ook", "dat", "er", "aan",
});

constexpr auto kActionWords = std::to_array<std::string_view>({
    // English
    "account", "ad", "ads", "advertisement", "advertising", "app", "apps", "back", "click",
    "comment", "comments", "contact", "continue", "cookie", "cookies", "copyright", "donate",
    "donation", "download", "email", "facebook", "follow", "free", "home", "homepage", "instagram",
    "linkedin", "loading", "login", "log", "menu", "more", "newsletter", "next", "pinterest",
    "policy", "popular", "popup", "previous", "print", "privacy", "read", "register", "related",
    "reserved", "rights", "search", "share", "sign", "signup", "skip", "sponsored", "subscribe",
    "subscription", "support", "tap", "terms", "tiktok", "top", "trending", "tweet", "twitter",
    "watch", "welcome", "whatsapp", "youtube", "remind", "later", "close", "open", "accept",
    // German
    "abonnieren", "anmelden", "anzeige", "datenschutz", "impressum", "kommentare", "mehr",
    "teilen", "weiterlesen", "werbung", "zurück", "startseite", "lesen",
    // French
    "abonnez", "abonner", "commentaires", "connexion", "lire", "partager", "publicité", "suite",
    "inscrire", "accueil", "suivez",
    // Spanish, Italian, Portuguese
    "comentarios", "compartir", "suscríbete", "leer", "más", "publicidad", "sesión", "inicio",
    "condividi", "iscriviti", "accedi", "leggi", "pubblicità", "commenti",
    "compartilhe", "assine", "entrar", "leia", "publicidade", "comentários",
});

constexpr auto kPersonWords = std::to_array<std::string_view>({
    "we", "us", "our", "ours", "you", "your", "yours",
    "wir", "uns", "unser", "unsere", "ihr", "euch", "du", "dich", "dein",
    "nous", "notre", "nos", "vous", "votre", "vos", "tu", "ton",
    "nosotros", "nuestro", "nuestra", "usted", "tú", "noi", "nostro", "nostra", "voi", "tuo",
    "nós", "nosso", "nossa", "você", "vocês", "wij", "ons", "onze", "jij", "jou", "uw",
});

constexpr auto kReaderWords = std::to_array<std::string_view>({
    "you", "your", "yours", "ihr", "euch", "du", "dich", "dein", "deine", "vous", "votre", "vos", "tu", "ton",
    "usted", "tú", "voi", "tuo", "você", "vocês", "jij", "jou", "uw", "je",
});

constexpr auto kAppealWords = std::to_array<std::string_view>({
    // English
    "support", "supporting", "donate", "donation", "donations", "contribute", "contribution", "member",
    "members", "membership", "subscribe", "subscriber", "subscription", "journalism", "independent",
    "readers", "reader", "gift", "fund", "funded", "funding", "help", "paywall", "monthly", "ads",
    "ad-free", "favor", "favour", "costs", "donors",
    // German
    "unterstützen", "unterstützung", "spenden", "spende", "journalismus", "unabhängig", "unabhängigen",
    "leser", "leserinnen", "abo", "mitglied",
    // French
    "soutenir", "soutenez", "soutien", "don", "dons", "journalisme", "indépendant", "indépendante",
    "lecteurs", "abonnement",
    // Spanish, Italian, Portuguese
    "apoyar", "apoya", "apoyo", "donar", "donación", "periodismo", "independiente", "lectores",
    "sostenere", "sostieni", "sostegno", "donazione", "giornalismo", "indipendente", "lettori",
    "apoiar", "apoie", "apoio", "doação", "jornalismo", "independente", "leitores", "assinatura",
});

template <std::size_t N>
void add(std::unordered_map<std::string_view, unsigned>& table, const std::array<std::string_view, N>& words,
         unsigned word_class) {
  for (std::string_view word : words) table[word] |= word_class;
}

const std::unordered_map<std::string_view, unsigned>& classes() {
  static const auto table = [] {
    std::unordered_map<std::string_view, unsigned> t;
    add(t, kFunctionWords, kFunctionWord);
    add(t, kActionWords, kActionWord);
    add(t, kPersonWords, kPersonWord);
    add(t, kReaderWords, kReaderWord);
    add(t, kAppealWords, kAppealWord);
    return t;
  }();
  return table;
}

constexpr std::size_t kLongestWord = 16;  // bytes; longer words are on no list

}  // namespace

unsigned word_classes(std::string_view word) {
  if (word.size() > kLongestWord) return 0;
  const auto& table = classes();
  const auto it = table.find(word);
  return it == table.end() ? 0 : it->second;
}

bool is_function_word(std::string_view word) { return word_classes(word) & kFunctionWord; }
bool is_action_word(std::string_view word) { return word_classes(word) & kActionWord; }
bool is_person_word(std::string_view word) { return word_classes(word) & kPersonWord; }
bool is_reader_word(std::string_view word) { return word_classes(word) & kReaderWord; }
bool is_appeal_word(std::string_view word) { return word_classes(word) & kAppealWord; }

}  // namespace winnow::clean
