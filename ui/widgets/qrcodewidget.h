#pragma once

#include <QImage>
#include <QWidget>

namespace loom {

// Draws a QR code (libqrencode) of a text, or a placeholder sentence when there is none. The text
// may be a secret: it is not kept beyond the encoded image and never logged.
class QrCodeWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QrCodeWidget)

public:
    explicit QrCodeWidget(QWidget *parent = nullptr);

    // Encodes `text`; returns false when it cannot be encoded (too long).
    bool setText(const QString &text);
    void setPlaceholder(const QString &sentence);
    void clear();
    bool hasCode() const { return !m_image.isNull(); }
    // The modules, one pixel each (black on white), for tests.
    QImage image() const { return m_image; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
    QString m_placeholder;
};

} // namespace loom
