import pytest

from frontwatch.errors import BinaryInput, EmptyInput, UndecodableInput
from frontwatch.ingest.encoding import decode_text

RUSSIAN = ("Российские войска покинули Лиман после того, как город оказался в окружении. "
           "Министерство обороны назвало отход перегруппировкой сил на более выгодные рубежи.")
UKRAINIAN = ("Українські війська звільнили Балаклію та Ізюм. Генеральний штаб повідомив, що "
             "наступ на харківському напрямку триває, а ворог відходить до кордону.")
ENGLISH = "Ukrainian forces entered Kupiansk on Saturday, officials said – “the city is ours”."


@pytest.mark.parametrize("text, codec, expected", [
    (ENGLISH, "utf-8", "utf-8"),
    (RUSSIAN, "utf-8", "utf-8"),
    (RUSSIAN, "cp1251", "cp1251"),
    (RUSSIAN, "koi8_r", "koi8_r"),
    (UKRAINIAN, "cp1251", "cp1251"),
    (RUSSIAN, "utf-16", "utf-16"),
    (UKRAINIAN, "utf-16", "utf-16"),
    (RUSSIAN, "utf-16-le", "utf-16-le"),
    (ENGLISH, "utf-8-sig", "utf-8-sig"),
])
def test_encoding_detects_what_the_field_sends(text, codec, expected):
    decoded = decode_text(text.encode(codec), "sample.txt")
    assert decoded.text.lstrip("\ufeff") == text
    assert decoded.encoding == expected


@pytest.mark.parametrize("data, error", [
    (b"", EmptyInput),
    (b"  \n\t \r\n", EmptyInput),
    (b"%PDF-1.7\n%binary", BinaryInput),
    (b"\x89PNG\r\n\x1a\n\x00\x00", BinaryInput),
    (b"abc\x00\x01\x02\x03def\x00" * 20, BinaryInput),
    (bytes(range(1, 32)) * 50, BinaryInput),
])
def test_encoding_refuses_bad_input_naming_it(data, error):
    with pytest.raises(error, match="sample.bin"):
        decode_text(data, "sample.bin")


def test_encoding_names_the_declared_charset_when_utf8_fails():
    decoded = decode_text(RUSSIAN.encode("koi8_r"), "page.html", declared="koi8-r")
    assert decoded.text == RUSSIAN and decoded.encoding == "koi8_r"


def test_encoding_undecodable_is_a_clear_error():
    assert issubclass(UndecodableInput, Exception)
    message = str(UndecodableInput("x.txt: no text encoding decodes these bytes"))
    assert "x.txt" in message
